namespace CnnGen;

/// <summary>
/// CRC-32 as in zlib, PNG and Ethernet (ISO-HDLC: reflected polynomial 0xEDB88320, initial value and final XOR
/// 0xFFFFFFFF), computed incrementally. The check value of the ASCII bytes "123456789" is 0xCBF43926.
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state;

    /// <summary>Creates a checksum over no bytes yet.</summary>
    public Crc32()
    {
        _state = 0xFFFF_FFFFu;
    }

    /// <summary>The checksum of all bytes appended so far.</summary>
    public readonly uint Value => ~_state;

    /// <summary>Appends bytes to the checksummed data.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint state = _state;
        foreach (byte b in data)
        {
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        }

        _state = state;
    }

    /// <summary>The checksum of <paramref name="data"/> alone.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
