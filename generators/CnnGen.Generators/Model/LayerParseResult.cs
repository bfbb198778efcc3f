namespace CnnGen.Generators.Model
{
    /// <summary>
    /// What the first pipeline step makes of one layer attribute: the spec to emit (null when the declaration is
    /// invalid) and the diagnostics to report. The generator splits the two right away so a diagnostic's moving
    /// location never forces the code to be emitted again.
    /// </summary>
    internal sealed record LayerParseResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>Nothing to emit and nothing to say (for example when the compiler already reports the attribute as malformed).</summary>
        public static LayerParseResult Nothing { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
    }
}
