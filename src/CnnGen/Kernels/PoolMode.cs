namespace CnnGen;

/// <summary>How a pooling window is reduced to one value.</summary>
public enum PoolMode
{
    /// <summary>The window's largest value (the notebook's <c>mode = "max"</c>).</summary>
    Max,

    /// <summary>The mean of the window's values (the notebook's <c>mode = "average"</c>).</summary>
    Average,
}
