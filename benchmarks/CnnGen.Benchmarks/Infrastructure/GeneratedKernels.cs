using System.Reflection;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>A generated convolution forward pass (the contract of <c>[Conv2D]</c> classes).</summary>
public delegate void ConvForward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

/// <summary>A generated convolution backward pass.</summary>
public delegate void ConvBackward<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
    Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient);

/// <summary>A generated convolution forward pass that splits the batch over a <see cref="BatchParallel"/>'s threads.</summary>
public delegate void ConvForwardParallel<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, BatchParallel parallel);

/// <summary>A generated convolution backward pass that splits the batch over a <see cref="BatchParallel"/>'s threads.</summary>
public delegate void ConvBackwardParallel<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
    Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient, BatchParallel parallel);

/// <summary>A generated pooling forward pass.</summary>
public delegate void PoolForward<T>(ReadOnlySpan<T> input, Span<T> output);

/// <summary>A generated pooling backward pass.</summary>
public delegate void PoolBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);

/// <summary>
/// Finds the kernels the source generator emitted into a layer class and binds them into a delegate, once per
/// setup: generated layer classes share no interface, so this is how one generic suite serves every layer class.
/// The delegate adds one indirect call per invocation (about a nanosecond), which is noise next to a layer pass.
/// </summary>
public static class GeneratedKernels
{
    /// <summary>
    /// The public static method <paramref name="name"/> of <paramref name="layer"/> whose signature is
    /// <typeparamref name="TDelegate"/>'s, either as written or as a one-type-parameter generic method
    /// instantiated for the delegate's element type; null when the layer has none.
    /// </summary>
    public static TDelegate? Find<TDelegate>(Type layer, string name)
        where TDelegate : Delegate
    {
        MethodInfo invoke = typeof(TDelegate).GetMethod("Invoke")!;
        Type[] wanted = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        Type element = typeof(TDelegate).GetGenericArguments()[0];

        foreach (MethodInfo candidate in layer.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            if (candidate.Name != name)
            {
                continue;
            }

            MethodInfo? method = candidate;
            if (candidate.IsGenericMethodDefinition)
            {
                method = candidate.GetGenericArguments().Length == 1 ? TryInstantiate(candidate, element) : null;
            }

            if (method is null || method.ReturnType != typeof(void))
            {
                continue;
            }

            Type[] actual = method.GetParameters().Select(p => p.ParameterType).ToArray();
            if (actual.SequenceEqual(wanted))
            {
                return (TDelegate)method.CreateDelegate(typeof(TDelegate));
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="layer"/> declares any public static method named <paramref name="name"/>: the
    /// generator has emitted the kernel, whatever its signature. The suites skip a generated benchmark only when
    /// this is false; a kernel that exists with the wrong signature makes the benchmark fail instead.
    /// </summary>
    public static bool Declares(Type layer, string name) =>
        layer.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(m => m.Name == name);

    /// <summary>Like <see cref="Find{TDelegate}"/>, but throws when the layer has no such kernel, naming what it has.</summary>
    public static TDelegate Require<TDelegate>(Type layer, string name)
        where TDelegate : Delegate
    {
        if (Find<TDelegate>(layer, name) is { } kernel)
        {
            return kernel;
        }

        MethodInfo invoke = typeof(TDelegate).GetMethod("Invoke")!;
        string[] found = layer.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == name)
            .Select(m => m.ToString() ?? m.Name)
            .ToArray();
        throw new InvalidOperationException(
            $"{layer.Name} has no generated {name}{Signature(invoke)} (the contract the benchmarks measure); " +
            (found.Length == 0 ? "it declares no such method." : "it declares: " + string.Join("; ", found)));
    }

    private static string Signature(MethodInfo invoke) =>
        "(" + string.Join(", ", invoke.GetParameters().Select(p => $"{Display(p.ParameterType)} {p.Name}")) + ")";

    private static string Display(Type type) =>
        type.IsGenericType ? $"{type.Name.Split('`')[0]}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>" : type.Name;

    private static MethodInfo? TryInstantiate(MethodInfo definition, Type element)
    {
        try
        {
            return definition.MakeGenericMethod(element);
        }
        catch (ArgumentException)
        {
            // The method's constraints exclude this element type.
            return null;
        }
    }
}
