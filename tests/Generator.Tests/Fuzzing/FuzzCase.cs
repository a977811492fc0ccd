using System.Collections.Generic;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>How a file writes its namespaces: <c>namespace A.B;</c>, <c>namespace A.B { }</c>, or <c>namespace A { namespace B { } }</c>.</summary>
internal enum NamespaceStyle
{
    FileScoped,
    Block,
    Nested,
}

/// <summary>One source file of a case: its using directives and how it writes namespaces.</summary>
internal sealed class SourceFile
{
    public List<string> Usings { get; } = ["using Butterfly;"];

    public NamespaceStyle Style { get; set; } = NamespaceStyle.FileScoped;
}

/// <summary>A type the networks use but that is not one: a base class, an impostor attribute.</summary>
/// <param name="Namespace">Where it is declared; empty for the global namespace.</param>
/// <param name="File">The case's file it is written in.</param>
/// <param name="Text">The declaration.</param>
internal sealed record HelperDeclaration(List<Identifier> Namespace, int File, string Text);

/// <summary>
/// Raw damage to a rendered file, for declarations that do not even parse: at a fraction of the text, delete
/// <see cref="Delete"/> characters and insert <see cref="Insert"/>.
/// </summary>
internal sealed record TextDamage(int File, double Position, int Delete, string Insert);

/// <summary>
/// One fuzz case: a few source files with one or more network declarations and their helpers. It is rebuilt from
/// <see cref="Seed"/> and <see cref="Index"/> alone, and <see cref="Edits"/> says how it was made, for failure reports.
/// </summary>
internal sealed class FuzzCase(int seed, int index)
{
    public int Seed { get; } = seed;

    public int Index { get; } = index;

    public List<SourceFile> Files { get; } = [new SourceFile()];

    public List<NetworkDeclaration> Networks { get; } = [];

    public List<HelperDeclaration> Helpers { get; } = [];

    public List<TextDamage> Damage { get; } = [];

    /// <summary>How the case was made: its origin and each mutation, in order.</summary>
    public List<string> Edits { get; } = [];
}
