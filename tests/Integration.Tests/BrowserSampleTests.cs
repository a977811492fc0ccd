using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Butterfly.Data;
using Butterfly.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace Butterfly.Integration.Tests;

/// <summary>
/// samples/Browser in a real browser: the app is published, served on localhost, and driven in headless Chromium. A
/// digit from the MNIST test set is drawn on the canvas with mouse strokes, and the page's CNN must name it; then the
/// page trains its MLP until the loss curve falls, and stops when asked. Saves a screenshot beside the test assembly.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class BrowserSampleTests(ITestOutputHelper log) : IDisposable
{
    private const int CanvasSide = 280;
    private const int Pixels = 28;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "butterfly-browser-" + Guid.NewGuid().ToString("N"));

    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "browser-sample.png");

    [ChromiumFact]
    public void The_page_reads_a_drawn_digit_and_trains_the_mlp()
    {
        var clock = Stopwatch.StartNew();
        DotnetCommand.Run(RepositoryPaths.Root, "publish", "samples/Browser", "-c", "Release", "-o", _folder);
        log.WriteLine($"published in {clock.Elapsed.TotalSeconds:F0} s");

        using var site = new StaticSite(Path.Combine(_folder, "wwwroot"));
        using var driver = StartChromium();
        driver.Navigate().GoToUrl(site.Address);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(90));
        var canvas = wait.Until(d => d.FindElements(By.Id("pad")).FirstOrDefault());
        log.WriteLine($"page ready after {clock.Elapsed.TotalSeconds:F0} s");

        var (image, label) = TestDigit(index: 0);
        Draw(driver, canvas!, image);
        wait.Until(d => d.FindElement(By.Id("prediction")).Text == label.ToString(CultureInfo.InvariantCulture));
        string timing = driver.FindElement(By.Id("timing")).Text;
        Assert.Matches(@"^\d+\.\d\d ms per prediction$", timing);
        log.WriteLine($"drawn {label} read as {label}, {timing}, at {clock.Elapsed.TotalSeconds:F0} s");

        driver.FindElement(By.Id("train")).Click();
        wait.Until(d => Steps(d.FindElement(By.Id("train-status")).Text) >= 60);
        driver.FindElement(By.Id("stop")).Click();
        wait.Until(d => d.FindElement(By.Id("train-status")).Text.StartsWith("stopped after", StringComparison.Ordinal));
        var heights = LossHeights(driver.FindElement(By.CssSelector("#loss-curve polyline")).GetAttribute("points") ?? "");
        Assert.True(heights.Length >= 15, $"Only {heights.Length} points on the loss curve.");
        // A lower loss is drawn lower on the plot, at a larger y.
        Assert.True(heights[^3..].Average() > heights[0] + 20, $"The loss curve did not fall: {string.Join(' ', heights)}");
        log.WriteLine($"{driver.FindElement(By.Id("train-status")).Text}; done at {clock.Elapsed.TotalSeconds:F0} s");

        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(ScreenshotPath);
        log.WriteLine($"screenshot: {ScreenshotPath}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ChromeDriver StartChromium()
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        // Headless, and without the background services that would try to reach the network.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,960",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "butterfly-chromium-" + Guid.NewGuid().ToString("N")));
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
    }

    private static (float[] Image, int Label) TestDigit(int index)
    {
        var test = Mnist.LoadTest(RepositoryPaths.MnistDirectory);
        return (test.Sample(index).ToArray(), test.Labels[index]);
    }

    /// <summary>Draws every row's runs of ink as mouse strokes across the canvas, pixel centre to pixel centre.</summary>
    private static void Draw(IWebDriver driver, IWebElement canvas, float[] image)
    {
        int cell = CanvasSide / Pixels;
        for (int y = 0; y < Pixels; y++)
        {
            for (int x = 0; x < Pixels; x++)
            {
                if (image[y * Pixels + x] < 0.5f)
                {
                    continue;
                }

                int end = x;
                while (end + 1 < Pixels && image[y * Pixels + end + 1] >= 0.5f)
                {
                    end++;
                }

                // Offsets are from the canvas's centre.
                int Offset(int pixel) => (pixel * cell) + (cell / 2) - (CanvasSide / 2);
                new Actions(driver)
                    .MoveToElement(canvas, Offset(x), Offset(y))
                    .ClickAndHold()
                    .MoveToElement(canvas, Offset(end), Offset(y))
                    .Release()
                    .Perform();
                x = end;
            }
        }
    }

    private static int Steps(string status)
    {
        var match = System.Text.RegularExpressions.Regex.Match(status, @"step (\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static float[] LossHeights(string points) =>
        points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(point => float.Parse(point.Split(',')[1], CultureInfo.InvariantCulture))
            .ToArray();
}
