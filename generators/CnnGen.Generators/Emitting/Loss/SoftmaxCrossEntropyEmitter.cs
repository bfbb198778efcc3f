using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes the fused softmax and cross-entropy loss: <c>Forward(logits, labels, probabilities)</c> writes each
    /// example's probabilities and returns the mean loss; <c>Softmax(logits, probabilities)</c> only the
    /// probabilities; <c>Backward(probabilities, labels, logitsGradient)</c> writes <c>(p − onehot(label)) / m</c>.
    /// Numerically stable: the largest logit is subtracted before exponentiating, and the loss of an example is
    /// <c>log Σ exp(z − max) − (z[label] − max)</c>, which never takes the logarithm of an underflowed probability.
    /// </summary>
    internal static class SoftmaxCrossEntropyEmitter
    {
        public static void EmitMembers(IndentedWriter writer, SoftmaxCrossEntropySpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            ShapeConstantsEmitter.Constant(writer, "Classes", spec.Classes, "The number of classes: the values of one example.");
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitSoftmax(writer, type);
                EmitForward(writer, type);
                EmitBackward(writer, type);
            }
        }

        private static void EmitSoftmax(IndentedWriter writer, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Writes the softmax of each example's logits. <paramref name=\"probabilities\"/> may be <paramref name=\"logits\"/> itself.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or probabilities partly overlaps logits.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Softmax({ReadOnlySpan}<{t}> logits, {Span}<{t}> probabilities)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(logits.Length, Classes, nameof(logits));");
                writer.Line($"{Checks}.RequireBatchLength(probabilities.Length, batch, Classes, nameof(probabilities));");
                OverlapChecks.Emit(writer, t, new[] { "probabilities" }, new[] { "logits" }, new[] { ("probabilities", "logits") });
                writer.Line($"ref {t} z = ref {MemoryMarshal}.GetReference(logits);");
                writer.Line($"ref {t} p = ref {MemoryMarshal}.GetReference(probabilities);");
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"SoftmaxOne(ref {Unsafe}.Add(ref z, n * Classes), ref {Unsafe}.Add(ref p, n * Classes));");
                }
            }

            writer.Line();
            writer.Summary("Softmax of one example; returns the log of the sum of exponentials of <c>z − max</c>, and the max.");
            using (writer.Block($"private static ({t} LogSum, {t} Max) SoftmaxOne(ref {t} z, ref {t} p)"))
            {
                writer.Line($"{t} max = z;");
                using (writer.Block("for (int c = 1; c < Classes; c++)"))
                {
                    writer.Line($"{t} v = {Load(0, "z", "c")};");
                    writer.Line("max = v > max ? v : max;");
                }

                writer.Line($"{t} sum = {type.Literal("0")};");
                using (writer.Block("for (int c = 0; c < Classes; c++)"))
                {
                    writer.Line($"{t} e = {t}.Exp({Load(0, "z", "c")} - max);");
                    writer.Line(Store(0, "e", "p", "c"));
                    writer.Line("sum += e;");
                }

                writer.Line($"{t} inverse = {type.Literal("1")} / sum;");
                using (writer.Block("for (int c = 0; c < Classes; c++)"))
                {
                    writer.Line($"{Load(0, "p", "c")} *= inverse;");
                }

                writer.Line($"return ({t}.Log(sum), max);");
            }

            writer.Line();
        }

        private static void EmitForward(IndentedWriter writer, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Writes each example's probabilities and returns the mean cross-entropy loss over the batch,\n<c>(1/m) Σ_n −log p[n, labels[n]]</c>.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or probabilities overlaps logits (this pass does not work in place).</exception>");
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A label is not a class index.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static {t} Forward({ReadOnlySpan}<{t}> logits, {ReadOnlySpan}<int> labels, {Span}<{t}> probabilities)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(logits.Length, Classes, nameof(logits));");
                writer.Line($"{Checks}.RequireLength(labels.Length, batch, nameof(labels));");
                writer.Line($"{Checks}.RequireBatchLength(probabilities.Length, batch, Classes, nameof(probabilities));");
                OverlapChecks.Emit(writer, t, new[] { "probabilities" }, new[] { "logits" });
                writer.Line("CheckLabels(labels);");
                writer.Line("if (batch == 0)");
                writer.Line("{");
                writer.Line($"    return {type.Literal("0")};");
                writer.Line("}");
                writer.Line();
                writer.Line($"ref {t} z = ref {MemoryMarshal}.GetReference(logits);");
                writer.Line($"ref {t} p = ref {MemoryMarshal}.GetReference(probabilities);");
                writer.Line("double loss = 0d;");
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"ref {t} zn = ref {Unsafe}.Add(ref z, n * Classes);");
                    writer.Line($"var (logSum, max) = SoftmaxOne(ref zn, ref {Unsafe}.Add(ref p, n * Classes));");
                    writer.Line($"loss += logSum - ({Load(0, "zn", "labels[n]")} - max);");
                }

                writer.Line($"return ({t})(loss / batch);");
            }

            writer.Line();
        }

        private static void EmitBackward(IndentedWriter writer, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Writes the gradient of the mean loss with respect to the logits, <c>(p − onehot(labels[n])) / m</c> (overwritten).\n<paramref name=\"logitsGradient\"/> may be <paramref name=\"probabilities\"/> itself.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or logitsGradient partly overlaps probabilities.</exception>");
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A label is not a class index.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> probabilities, {ReadOnlySpan}<int> labels, {Span}<{t}> logitsGradient)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(probabilities.Length, Classes, nameof(probabilities));");
                writer.Line($"{Checks}.RequireLength(labels.Length, batch, nameof(labels));");
                writer.Line($"{Checks}.RequireBatchLength(logitsGradient.Length, batch, Classes, nameof(logitsGradient));");
                OverlapChecks.Emit(writer, t, new[] { "logitsGradient" }, new[] { "probabilities" }, new[] { ("logitsGradient", "probabilities") });
                writer.Line("CheckLabels(labels);");
                writer.Line("if (batch == 0)");
                writer.Line("{");
                writer.Line("    return;");
                writer.Line("}");
                writer.Line();
                writer.Line($"{t} scale = {type.Literal("1")} / batch;");
                writer.Line($"ref {t} p = ref {MemoryMarshal}.GetReference(probabilities);");
                writer.Line($"ref {t} d = ref {MemoryMarshal}.GetReference(logitsGradient);");
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"ref {t} pn = ref {Unsafe}.Add(ref p, n * Classes);");
                    writer.Line($"ref {t} dn = ref {Unsafe}.Add(ref d, n * Classes);");
                    writer.Line("int label = labels[n];");
                    using (writer.Block("for (int c = 0; c < Classes; c++)"))
                    {
                        writer.Line($"{Load(0, "dn", "c")} = ({Load(0, "pn", "c")} - (c == label ? {type.Literal("1")} : {type.Literal("0")})) * scale;");
                    }
                }
            }

            writer.Line();
            if (type.Name == "double")
            {
                writer.Line($"private static void CheckLabels({ReadOnlySpan}<int> labels)");
                writer.Line("{");
                writer.Line("    for (int n = 0; n < labels.Length; n++)");
                writer.Line("    {");
                writer.Line("        if ((uint)labels[n] >= (uint)Classes)");
                writer.Line("        {");
                writer.Line("            throw new global::System.ArgumentOutOfRangeException(nameof(labels), labels[n], $\"Label {n} is {labels[n]}, but a label must be a class index from 0 to {Classes - 1}.\");");
                writer.Line("        }");
                writer.Line("    }");
                writer.Line("}");
                writer.Line();
            }
        }
    }
}
