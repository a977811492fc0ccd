using System;
using System.Collections.Generic;

namespace Butterfly.Runtime.Tests.Optimizers;

/// <summary>Compares floats within an absolute tolerance, for Assert.Equal on arrays.</summary>
internal sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}
