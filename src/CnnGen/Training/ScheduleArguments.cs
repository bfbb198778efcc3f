namespace CnnGen;

/// <summary>The argument checks the learning-rate schedules share.</summary>
internal static class ScheduleArguments
{
    public static double RequireRate(double value, string paramName)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The learning rate must be finite and at least 0.");
        }

        return value;
    }

    public static void RequireStep(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be at least 0 (0 is the first).");
        }
    }
}
