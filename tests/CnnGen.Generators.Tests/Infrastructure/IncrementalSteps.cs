using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests.Infrastructure;

/// <summary>Reads a run's tracked incremental steps: every name the generator tracks, their outputs, and a walk for Roslyn objects.</summary>
public static class IncrementalSteps
{
    /// <summary>
    /// Every step name <see cref="TrackingNames"/> declares, read by reflection, so a pipeline added with a new tracking name
    /// is covered by the tests that use this list without anyone remembering to add it.
    /// </summary>
    public static IReadOnlyList<string> AllNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The outputs of every step tracked under <paramref name="name"/> (failing when the run has no such step).</summary>
    public static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string name)
    {
        Assert.True(run.Single.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"no tracked step {name}");
        return steps.SelectMany(s => s.Outputs).ToList();
    }

    /// <summary>The outputs of the steps that add sources and report diagnostics (RegisterSourceOutput).</summary>
    public static List<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRun run) =>
        run.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();

    public static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    /// <summary>Fails when any output of any step tracked under a <see cref="TrackingNames"/> name holds a Roslyn object.</summary>
    public static void AssertNoRoslynObjects(GeneratorRun run)
    {
        // Only this generator's named steps: Roslyn's own ForAttributeWithMetadataName internals legitimately hold trees.
        foreach (string name in AllNames)
        {
            if (!run.Single.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps))
            {
                continue;
            }

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    AssertNoRoslynObjects(value, $"{name} output ({value.GetType().Name})");
                }
            }
        }
    }

    /// <summary>
    /// Walks a value through records, tuples, arrays and enumerables (every instance field, base classes' private fields
    /// included), failing on any Roslyn symbol, syntax node or token, tree, location, attribute data, semantic model or compilation.
    /// </summary>
    public static void AssertNoRoslynObjects(object? value, string path) =>
        AssertNoRoslynObjects(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is ISymbol, $"{path} holds a symbol ({value.GetType().Name})");
        Assert.False(value is SyntaxNode, $"{path} holds a syntax node ({value.GetType().Name})");
        Assert.False(value is SyntaxToken or SyntaxTrivia or SyntaxNodeOrToken, $"{path} holds a syntax token or trivia");
        Assert.False(value is SyntaxReference, $"{path} holds a syntax reference");
        Assert.False(value is Compilation, $"{path} holds a compilation");
        Assert.False(value is SemanticModel, $"{path} holds a semantic model");
        Assert.False(value is SyntaxTree, $"{path} holds a syntax tree");
        Assert.False(value is Location, $"{path} holds a location (which holds its syntax tree)");
        Assert.False(value is AttributeData or TypedConstant, $"{path} holds attribute data (which holds symbols)");

        Type type = value.GetType();
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!)
        {
            return; // a default ImmutableArray holds nothing (and cannot be enumerated)
        }

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true)
        {
            return; // TextSpan, LinePositionSpan: plain structs
        }

        // GetFields on a type leaves out its base classes' private fields (a record's positional property declared on an
        // abstract base, such as LayerSpec.Target, lives there), so walk the hierarchy.
        for (Type? declaring = type; declaring is not null && declaring != typeof(object) && declaring != typeof(ValueType); declaring = declaring.BaseType)
        {
            foreach (FieldInfo field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
