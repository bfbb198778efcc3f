namespace CnnGen;

/// <summary>
/// Checks of layer hyperparameters shared by the geometry types and the tensor API, so both report
/// the same messages (parameter name, expected versus actual).
/// </summary>
internal static class GeometryChecks
{
    public static void AtLeastOne(int value, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected {paramName} ≥ 1, but it is {value}.");
        }
    }

    public static void NotNegative(int value, string paramName)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Expected {paramName} ≥ 0, but it is {value}.");
        }
    }

    /// <summary>
    /// Checks that a window of <paramref name="filterSize"/> fits the (padded) input along one axis, i.e. that
    /// the output size is at least 1, and returns that output size.
    /// </summary>
    public static int OutputSize(int inputSize, int filterSize, int stride, int pad, string axis, string paramName)
    {
        int size = LayerGeometry.OutputSize(inputSize, filterSize, stride, pad);
        if (size < 1)
        {
            long padded = (long)inputSize + 2L * pad;
            string what = pad == 0 ? $"the input {axis} {inputSize}" : $"the padded input {axis} {inputSize} + 2·{pad} = {padded}";
            throw new ArgumentException(
                $"Expected a filter size ≤ {padded} to fit {what}, but it is {filterSize} (the output {axis} would be {size}).",
                paramName);
        }

        return size;
    }

    /// <summary>Multiplies extents into a span length, rejecting products a span cannot hold.</summary>
    public static int Length(string what, string paramName, params ReadOnlySpan<int> extents)
    {
        long product = 1;
        foreach (int extent in extents)
        {
            product *= extent;
            if (product > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"Expected the {what} to hold at most {Array.MaxLength} values (what one span can address), but it would hold more.",
                    paramName);
            }
        }

        return (int)product;
    }
}
