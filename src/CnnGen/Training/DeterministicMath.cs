namespace CnnGen;

/// <summary>
/// Functions computed only from correctly rounded IEEE-754 operations, so they give the same bits on every platform
/// (unlike the C runtime's, which may differ in the last place).
/// </summary>
internal static class DeterministicMath
{
    // ln 2 split so that e·Ln2High is exact for every binary64 exponent (fdlibm's constants).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The natural logarithm of a positive, finite, normal <paramref name="x"/>, within a few units in the last place.
    /// </summary>
    /// <remarks>
    /// Writes <c>x = 2^e·m</c> with <c>m</c> in <c>[√2/2, √2)</c>, then <c>ln m = 2·atanh(s)</c> with
    /// <c>s = (m − 1)/(m + 1)</c>, <c>|s| ≤ 0.1716</c>; the odd series <c>s + s³/3 + s⁵/5 + …</c> to <c>s²³/23</c>
    /// leaves a truncation error below 2⁻⁵⁵ relative.
    /// </remarks>
    public static double Log(double x)
    {
        if (!(x > 0.0) || !double.IsNormal(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Expected a positive, finite, normal number.");
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double series =
            1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11 + s2 * (1.0 / 13 +
            s2 * (1.0 / 15 + s2 * (1.0 / 17 + s2 * (1.0 / 19 + s2 * (1.0 / 21 + s2 * (1.0 / 23)))))))))));
        double lnM = 2.0 * s * series;
        return exponent * Ln2High + (exponent * Ln2Low + lnM);
    }
}
