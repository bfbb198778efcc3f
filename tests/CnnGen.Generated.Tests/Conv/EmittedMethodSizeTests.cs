using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>
/// The planner keeps every emitted method inside what RyuJIT optimizes (it falls back to unoptimized code above about
/// 60,000 IL bytes or 2,000 locals), even for a big layer whose fully unrolled filter would be far larger.
/// </summary>
public class EmittedMethodSizeTests
{
    public static TheoryData<Type> Layers() => new(typeof(BigConv), typeof(StridedConv), typeof(MidConv), typeof(FirstConv), typeof(Layers.SeedConv));

    [Theory]
    [MemberData(nameof(Layers))]
    public void Every_emitted_method_stays_inside_the_jit_limits(Type layer)
    {
        MethodInfo[] methods = layer.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        Assert.NotEmpty(methods);
        foreach (MethodInfo method in methods)
        {
            MethodBody body = method.GetMethodBody()!;
            int il = body.GetILAsByteArray()!.Length;
            Assert.True(il < 60_000, $"{layer.Name}.{method.Name}: {il} IL bytes");
            Assert.True(body.LocalVariables.Count < 2_000, $"{layer.Name}.{method.Name}: {body.LocalVariables.Count} locals");
        }
    }

    [Fact]
    public void Every_kernel_body_of_the_big_layer_compiles_quickly_for_every_tier_it_serves()
    {
        MethodInfo[] methods = typeof(BigConv).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        Assert.Contains(methods, m => m.Name.StartsWith("Forward", StringComparison.Ordinal) && m.IsGenericMethodDefinition);

        var watch = Stopwatch.StartNew();
        int compiled = 0;
        foreach (MethodInfo method in methods)
        {
            if (!method.IsGenericMethodDefinition)
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                compiled++;
                continue;
            }

            // A generic body is shared by tiers and element types; the JIT compiles it once per instantiation.
            foreach (Type[] arguments in Instantiations)
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle, arguments.Select(a => a.TypeHandle).ToArray());
                compiled++;
            }
        }

        // Generous: the point is that no method is pathologically slow for the JIT (seconds, not minutes).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"JIT of {compiled} methods took {watch.Elapsed}");
    }

    private static readonly Type[][] Instantiations =
    [
        [typeof(float), typeof(System.Runtime.Intrinsics.Vector512<float>), typeof(CnnGen.Generated.Vector512Ops<float>)],
        [typeof(float), typeof(System.Runtime.Intrinsics.Vector256<float>), typeof(CnnGen.Generated.Vector256Ops<float>)],
        [typeof(float), typeof(System.Runtime.Intrinsics.Vector128<float>), typeof(CnnGen.Generated.Vector128Ops<float>)],
        [typeof(double), typeof(System.Runtime.Intrinsics.Vector512<double>), typeof(CnnGen.Generated.Vector512Ops<double>)],
        [typeof(double), typeof(System.Runtime.Intrinsics.Vector256<double>), typeof(CnnGen.Generated.Vector256Ops<double>)],
        [typeof(double), typeof(System.Runtime.Intrinsics.Vector128<double>), typeof(CnnGen.Generated.Vector128Ops<double>)],
    ];
}
