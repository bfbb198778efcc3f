using System.Runtime.Intrinsics;

namespace CnnGen.Generated.Tests.VectorTiers;

/// <summary>
/// The generated kernels pick Vector512, Vector256 or Vector128 code by <c>IsHardwareAccelerated</c>, so one machine runs
/// one tier. <c>tests/run-vector-tiers.sh</c> reruns the tests with the JIT told to hide the wider vectors, and sets
/// <see cref="ExpectedBitsVariable"/> to the tier it asked for: this test fails when the JIT did not comply, so a tier
/// run can never quietly test the widest tier again.
/// </summary>
public sealed class VectorTierTests
{
    /// <summary>The environment variable naming the widest accelerated vector width, in bits, a run must see.</summary>
    public const string ExpectedBitsVariable = "CNNGEN_EXPECTED_VECTOR_BITS";

    [Fact]
    public void The_widest_accelerated_vector_is_the_one_the_run_asked_for()
    {
        // The kernels' tier choice (512, else 256, else 128) assumes a wider accelerated width implies the narrower ones.
        Assert.False(Vector512.IsHardwareAccelerated && !Vector256.IsHardwareAccelerated, "Vector512 accelerated without Vector256");
        Assert.False(Vector256.IsHardwareAccelerated && !Vector128.IsHardwareAccelerated, "Vector256 accelerated without Vector128");

        string? expected = Environment.GetEnvironmentVariable(ExpectedBitsVariable);
        if (!string.IsNullOrEmpty(expected))
        {
            Assert.Equal(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WidestAcceleratedBits());
        }
    }

    private static int WidestAcceleratedBits() =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;
}
