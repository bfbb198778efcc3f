using System;
using System.Text;
using System.Threading;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes C# text line by line at the current indentation (four spaces a level), with blocks that
    /// open a brace on entry and close it on dispose. Lines always end in '\n' so output is the same on every OS.
    /// </summary>
    internal sealed class IndentedWriter
    {
        public const string IndentUnit = "    ";

        // How many lines pass between two looks at the cancellation token: rare enough to cost nothing, often enough that
        // an IDE's cancellation stops even the largest layer within milliseconds.
        private const int LinesPerCancellationCheck = 256;

        private readonly StringBuilder _text = new();
        private int _depth;
        private int _lines;

        /// <summary>Starts an empty text; <paramref name="cancellationToken"/> is checked as lines are written.</summary>
        public IndentedWriter(CancellationToken cancellationToken = default)
        {
            CancellationToken = cancellationToken;
        }

        /// <summary>
        /// The token of the generator step this text is written for. Emitters check it in their own planning loops too,
        /// so no loop whose length grows with a layer's size runs on after the IDE cancelled the step.
        /// </summary>
        public CancellationToken CancellationToken { get; }

        /// <summary>The current indentation depth.</summary>
        public int Depth => _depth;

        /// <summary>
        /// While true, documentation comment lines (<c>///</c>) are dropped: set around code no one outside the generated
        /// file can see (a network's private nested layers), where they would only add text to compile.
        /// </summary>
        public bool OmitDocumentation { get; set; }

        /// <summary>
        /// While true, a member's own <c>[GeneratedCode]</c> attribute line is dropped: set inside a type that carries the
        /// attribute itself (a network's nested layers), which marks its members as generated already.
        /// </summary>
        public bool OmitGeneratedCodeAttributes { get; set; }

        /// <summary>Writes one line at the current indentation; an empty line carries no spaces.</summary>
        public IndentedWriter Line(string line = "")
        {
            if (++_lines % LinesPerCancellationCheck == 0)
            {
                CancellationToken.ThrowIfCancellationRequested();
            }

            if (OmitDocumentation && line.TrimStart().StartsWith("///", System.StringComparison.Ordinal))
            {
                return this;
            }

            if (OmitGeneratedCodeAttributes && line.Trim() == LayerSourceEmitter.GeneratedCodeAttribute)
            {
                return this;
            }

            if (line.Length > 0)
            {
                for (int i = 0; i < _depth; i++)
                {
                    _text.Append(IndentUnit);
                }

                _text.Append(line);
            }

            _text.Append('\n');
            return this;
        }

        /// <summary>Writes several lines (split on '\n') at the current indentation.</summary>
        public IndentedWriter Lines(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                Line(line);
            }

            return this;
        }

        /// <summary>Writes <paramref name="header"/> (if any), then an opening brace, and indents until disposed.</summary>
        public Scope Block(string? header = null, string closing = "}")
        {
            if (header is not null)
            {
                Line(header);
            }

            Line("{");
            _depth++;
            return new Scope(this, closing);
        }

        /// <summary>Indents one level until disposed, without braces.</summary>
        public Scope Indent()
        {
            _depth++;
            return new Scope(this, null);
        }

        /// <summary>Writes a <c>/// &lt;summary&gt;</c> documentation comment.</summary>
        public IndentedWriter Summary(string text)
        {
            Line("/// <summary>");
            foreach (string line in text.Split('\n'))
            {
                Line("/// " + line);
            }

            Line("/// </summary>");
            return this;
        }

        public override string ToString() => _text.ToString();

        /// <summary>Closes a block or indentation level when disposed.</summary>
        public readonly struct Scope : IDisposable
        {
            private readonly IndentedWriter _writer;
            private readonly string? _closing;

            internal Scope(IndentedWriter writer, string? closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._depth--;
                if (_closing is not null)
                {
                    _writer.Line(_closing);
                }
            }
        }
    }
}
