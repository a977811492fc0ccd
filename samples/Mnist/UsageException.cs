using System;

namespace Butterfly.Samples.Mnist;

/// <summary>A command line the program cannot run: reported as one line and a non-zero exit, without a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
