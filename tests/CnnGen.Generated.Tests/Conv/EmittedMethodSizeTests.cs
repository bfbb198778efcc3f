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
    public void The_big_layer_is_split_into_several_methods_that_all_compile_quickly()
    {
        MethodInfo[] methods = typeof(BigConv).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        Assert.Contains(methods, m => m.Name.StartsWith("ForwardSingleV512", StringComparison.Ordinal));
        var watch = Stopwatch.StartNew();
        foreach (MethodInfo method in methods)
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }

        // Generous: the point is that no method is pathologically slow for the JIT (seconds, not minutes).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"JIT of {methods.Length} methods took {watch.Elapsed}");
    }
}
