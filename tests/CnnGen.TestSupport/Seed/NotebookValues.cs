namespace CnnGen.TestSupport;

/// <summary>
/// Every value the seed notebook ("Convolutional Neural Networks: Step by Step") prints, cleaned of the scan's
/// errors, copied here so tests need nothing outside the repository. The inputs come from <see cref="SeedInputs"/>.
/// </summary>
/// <remarks>
/// Arrays are printed with 8 digits after the point, so compare them with <see cref="PrintedTolerance"/>
/// (absolute). Means and scalars printed in full float64 precision compare with
/// <see cref="FullPrecisionRelativeTolerance"/> (numpy's mean sums pairwise, so the last bits differ).
/// </remarks>
public static class NotebookValues
{
    /// <summary>Absolute tolerance for values printed with 8 decimals (half a unit is 5e-9).</summary>
    public const double PrintedTolerance = 1e-8;

    /// <summary>Relative tolerance for values printed in full float64 precision.</summary>
    public const double FullPrecisionRelativeTolerance = 1e-12;

    /// <summary>numpy's legacy stream check: <c>np.random.seed(1); np.random.randn(6)</c>.</summary>
    public static class Random
    {
        /// <summary>The seed.</summary>
        public const uint Seed = 1;

        /// <summary>The first six standard normals, exact.</summary>
        public static double[] FirstRandn => [1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827];
    }

    /// <summary><c>x_pad = zero_pad(x, 3)</c>.</summary>
    public static class ZeroPad
    {
        /// <summary><c>x.shape</c>.</summary>
        public static int[] XShape => [4, 3, 3, 2];

        /// <summary><c>x_pad.shape</c>.</summary>
        public static int[] XPadShape => [4, 9, 9, 2];

        /// <summary><c>x[1,1]</c>.</summary>
        public static ExpectedArray X11 => new("x[1,1]", [3, 2], [0.90085595, -0.68372786, -0.12289023, -0.93576943, -0.26788808, 0.53035547]);

        /// <summary><c>x_pad[1,1]</c>: a row of the top padding, all zeros.</summary>
        public static ExpectedArray XPad11 => new("x_pad[1,1]", [9, 2], new double[18]);
    }

    /// <summary><c>Z = conv_single_step(a_slice_prev, W, b)</c>.</summary>
    public static class ConvSingleStep
    {
        /// <summary><c>Z</c>, full precision.</summary>
        public const double Z = -6.999089450680221;
    }

    /// <summary><c>Z = conv_forward(A_prev, W, b, {pad: 1, stride: 2})</c>.</summary>
    public static class ConvForward
    {
        /// <summary><c>Z.shape</c>.</summary>
        public static int[] ZShape => [2, 3, 4, 8];

        /// <summary><c>np.mean(Z)</c>, full precision.</summary>
        public const double ZMean = 0.5511276474566768;

        /// <summary><c>Z[0,2,1]</c>.</summary>
        public static ExpectedArray Z021 => new("Z[0,2,1]", [8], [-2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428, 10.99288867, 3.03171932]);

        /// <summary><c>cache_conv[0][1][2][3]</c>, i.e. <c>A_prev[1,2,3]</c>.</summary>
        public static ExpectedArray APrev123 => new("A_prev[1,2,3]", [4], [-1.1191154, 1.9560789, -0.3264995, -1.34267579]);
    }

    /// <summary><c>A = pool_forward(A_prev, {stride: 1, f: 3}, mode)</c>.</summary>
    public static class PoolForwardStride1
    {
        /// <summary><c>A.shape</c> (both modes).</summary>
        public static int[] AShape => [2, 3, 3, 3];

        /// <summary><c>A[1, 1]</c> with <c>mode = "max"</c>.</summary>
        public static ExpectedArray MaxA11 => new("A[1, 1]", [3, 3],
            [1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403, 1.62765075, 1.12141771, 1.2245077]);

        /// <summary><c>A[1, 1]</c> with <c>mode = "average"</c>.</summary>
        public static ExpectedArray AverageA11 => new("A[1, 1]", [3, 3],
            [0.44497696, -0.00261695, -0.31040307, 0.50811474, -0.23493734, -0.23961183, 0.11872677, 0.17255229, -0.22112197]);
    }

    /// <summary><c>A = pool_forward(A_prev, {stride: 2, f: 3}, mode)</c>.</summary>
    public static class PoolForwardStride2
    {
        /// <summary><c>A.shape</c> (both modes).</summary>
        public static int[] AShape => [2, 2, 2, 3];

        /// <summary><c>A[0]</c> with <c>mode = "max"</c>.</summary>
        public static ExpectedArray MaxA0 => new("A[0]", [2, 2, 3],
            [1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218, 1.13162939, 1.51981682, 2.18557541, 1.13162939, 1.6924546, 2.18557541]);

        /// <summary><c>A[1]</c> with <c>mode = "average"</c>.</summary>
        public static ExpectedArray AverageA1 => new("A[1]", [2, 2, 3],
            [-0.17313416, 0.32377198, -0.34317572, 0.02030094, 0.14141479, -0.01231585, 0.42944926, 0.08446996, -0.27290905, 0.15077452, 0.28911175, 0.00123239]);
    }

    /// <summary>
    /// <c>Z = conv_forward(A_prev, W, b, {pad: 2, stride: 2}); dA, dW, db = conv_backward(Z, cache)</c>: the forward
    /// output itself is fed back as <c>dZ</c>.
    /// </summary>
    public static class ConvBackward
    {
        /// <summary><c>dA.shape</c>.</summary>
        public static int[] DAShape => [10, 4, 4, 3];

        /// <summary><c>dW.shape</c>.</summary>
        public static int[] DWShape => [2, 2, 3, 8];

        /// <summary><c>db.shape</c>.</summary>
        public static int[] DbShape => [1, 1, 1, 8];

        /// <summary><c>np.mean(dA)</c>, full precision.</summary>
        public const double DAMean = 1.4524377775388075;

        /// <summary><c>np.mean(dW)</c>, full precision.</summary>
        public const double DWMean = 1.7269914583139097;

        /// <summary><c>np.mean(db)</c>, full precision.</summary>
        public const double DbMean = 7.839232564616838;
    }

    /// <summary>The notebook's example for <c>create_mask_from_window</c>: <c>X = [[1, 3], [4, 2]] → M = [[0, 0], [1, 0]]</c>.</summary>
    public static class CreateMaskFromWindow
    {
        /// <summary>The window <c>X</c>.</summary>
        public static ExpectedArray X => new("X", [2, 2], [1, 3, 4, 2]);

        /// <summary>The mask <c>M</c> (True as 1).</summary>
        public static ExpectedArray Mask => new("M", [2, 2], [0, 0, 1, 0]);
    }

    /// <summary><c>a = distribute_value(2, (2, 2))</c>.</summary>
    public static class DistributeValue
    {
        /// <summary>The value distributed.</summary>
        public const double Dz = 2;

        /// <summary>The matrix's height.</summary>
        public const int Height = 2;

        /// <summary>The matrix's width.</summary>
        public const int Width = 2;

        /// <summary><c>a</c>.</summary>
        public static ExpectedArray A => new("distributed value", [2, 2], [0.5, 0.5, 0.5, 0.5]);
    }

    /// <summary><c>dA_prev = pool_backward(dA, cache, mode)</c> with <c>{stride: 1, f: 2}</c>.</summary>
    public static class PoolBackward
    {
        /// <summary><c>np.mean(dA)</c>, printed with 12 significant digits (Python 2's <c>str</c>).</summary>
        public const double DAMean = 0.145713902729;

        /// <summary>The tolerance <see cref="DAMean"/>'s 12 printed digits allow: half a unit in the last place.</summary>
        public const double DAMeanTolerance = 5e-13;

        /// <summary><c>dA_prev[1, 1]</c> with <c>mode = "max"</c>.</summary>
        public static ExpectedArray MaxDAPrev11 => new("dA_prev[1,1]", [3, 2], [0, 0, 5.05844394, -1.68282702, 0, 0]);

        /// <summary><c>dA_prev[1, 1]</c> with <c>mode = "average"</c>.</summary>
        public static ExpectedArray AverageDAPrev11 => new("dA_prev[1,1]", [3, 2], [0.08485462, 0.2787552, 1.26461098, -0.25749373, 1.17975636, -0.53624893]);
    }
}
