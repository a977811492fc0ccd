using System.IO;

namespace Butterfly.Integration.Tests;

/// <summary>
/// A test that drives Debian's Chromium through its ChromeDriver. .ci/run installs both; where they cannot be
/// installed, the test is skipped and says what is missing.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            Skip = $"Chromium is not installed ({Browser} and {Driver}; Debian packages chromium and chromium-driver, which .ci/run installs).";
        }
    }
}
