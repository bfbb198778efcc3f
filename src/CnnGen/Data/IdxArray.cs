namespace CnnGen;

/// <summary>
/// The contents of one IDX file of unsigned bytes (type code 0x08): the size of each dimension and the values in
/// row-major order, as <see cref="IdxFile"/> read them.
/// </summary>
public sealed class IdxArray
{
    private readonly int[] _dimensions;
    private readonly byte[] _data;

    internal IdxArray(int[] dimensions, byte[] data, string? sourceName)
    {
        _dimensions = dimensions;
        _data = data;
        SourceName = sourceName;
    }

    /// <summary>The size of each dimension, outermost first; each at least 1.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>The values in row-major order; as many as the product of <see cref="Dimensions"/>.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The name of the file (its path, say) for error messages, or <see langword="null"/> if none was given.</summary>
    public string? SourceName { get; }
}
