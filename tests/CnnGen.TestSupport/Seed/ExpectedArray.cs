namespace CnnGen.TestSupport;

/// <summary>
/// An array the seed notebook prints: its label as printed (e.g. <c>Z[0,2,1]</c>), its numpy shape and its values
/// in row-major order. Instances are fresh on every access, so mutating one affects nothing else.
/// </summary>
public sealed record ExpectedArray(string Label, int[] Shape, double[] Values);
