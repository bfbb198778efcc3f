// This file is compiled into both halves of CnnGen: the runtime library (src/CnnGen) and the source
// generator (generators/CnnGen.Generators, as a linked file). It holds the shape arithmetic that the
// generic kernels check at run time and the generator decides at compile time, so the two cannot drift.
// Keep it free of anything netstandard2.0 lacks.

namespace CnnGen
{
    /// <summary>The shape arithmetic of convolution and pooling layers (the notebook's formulas).</summary>
    internal static class LayerGeometry
    {
        /// <summary>
        /// The output extent of a window of size <paramref name="filterSize"/> slid with <paramref name="stride"/>
        /// over an input extent zero-padded by <paramref name="pad"/> on both sides:
        /// <c>floor((input + 2·pad − f) / stride) + 1</c>. Returns a value below 1 when the window does not fit.
        /// </summary>
        public static int OutputSize(int inputSize, int filterSize, int stride, int pad)
        {
            long span = (long)inputSize + 2L * pad - filterSize;
            if (span < 0 || stride < 1)
            {
                return 0;
            }

            long size = span / stride + 1;
            return size > int.MaxValue ? int.MaxValue : (int)size;
        }

        /// <summary>
        /// True when the last window ends exactly at the padded input's edge, that is when
        /// <c>(input + 2·pad − f)</c> is a multiple of the stride; otherwise the floor in
        /// <see cref="OutputSize"/> drops the last rows or columns of the input.
        /// </summary>
        public static bool StrideDividesEvenly(int inputSize, int filterSize, int stride, int pad)
        {
            long span = (long)inputSize + 2L * pad - filterSize;
            return stride >= 1 && span >= 0 && span % stride == 0;
        }

        /// <summary>
        /// The first output index whose window lies wholly inside the unpadded input
        /// (the start of the interior region along one axis).
        /// </summary>
        public static int FirstInteriorOutput(int filterSize, int stride, int pad)
        {
            // Window o covers padded positions [o·s, o·s + f), i.e. input positions [o·s − pad, o·s − pad + f).
            // It is interior when o·s − pad ≥ 0.
            return (pad + stride - 1) / stride;
        }

        /// <summary>
        /// One past the last output index whose window lies wholly inside the unpadded input
        /// (the end of the interior region along one axis). May be at or below <see cref="FirstInteriorOutput"/>
        /// when no window is interior.
        /// </summary>
        public static int InteriorOutputEnd(int inputSize, int filterSize, int stride, int pad, int outputSize)
        {
            // Interior when o·s − pad + f ≤ input, i.e. o ≤ (input + pad − f) / s.
            long last = (long)inputSize + pad - filterSize;
            if (last < 0)
            {
                return 0;
            }

            long end = last / stride + 1;
            return end < outputSize ? (int)end : outputSize;
        }
    }
}
