namespace CnnGen;

/// <summary>
/// What a parameter file failed to match. A refused load throws <see cref="InvalidDataException"/> whose
/// <see cref="Exception.Data"/> holds this value under the key <see cref="ParameterFile.ErrorDataKey"/>.
/// </summary>
public enum ParameterFileError
{
    /// <summary>The data does not start with the parameter file's magic bytes.</summary>
    NotAParameterFile = 1,

    /// <summary>The file was written in a format version this library does not read.</summary>
    UnsupportedVersion,

    /// <summary>The data ends before the record does.</summary>
    Truncated,

    /// <summary>The header's checksum does not match its bytes, or it declares impossible sizes: the file is corrupt.</summary>
    CorruptHeader,

    /// <summary>The file holds another element type (for example float32 values loaded as float64).</summary>
    ElementTypeMismatch,

    /// <summary>The file was saved from another architecture.</summary>
    ArchitectureMismatch,

    /// <summary>The file holds another number of parameters.</summary>
    ParameterCountMismatch,

    /// <summary>The values' checksum does not match: the file is corrupt.</summary>
    CorruptValues,

    /// <summary>Bytes follow the record in a file that should end there.</summary>
    TrailingData,
}
