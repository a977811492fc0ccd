using System;
using System.Globalization;
using Spectre.Console;

namespace Butterfly.Samples.Language;

/// <summary>
/// Training progress: a live Spectre.Console bar per epoch on a terminal, with the running loss and throughput, or plain
/// lines (every quarter of an epoch) when the output is redirected. Finished epochs stay as lines.
/// </summary>
internal sealed class ProgressDisplay
{
    private static readonly TimeSpan DescriptionInterval = TimeSpan.FromMilliseconds(100);
    private readonly bool _live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private string _label = "";
    private int _steps;
    private int _nextQuarter;
    private TimeSpan _described;

    /// <summary>Runs <paramref name="training"/> with the live bar area open, when there is one.</summary>
    public void Run(Action training)
    {
        if (!_live)
        {
            training();
            return;
        }

        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                training();
                _context = null;
            });
    }

    public void StartEpoch(string model, int epoch, int epochs, int steps)
    {
        _label = $"{model}, epoch {epoch}/{epochs}";
        _steps = steps;
        _nextQuarter = 1;
        _described = TimeSpan.Zero;
        _task = _context?.AddTask(Markup.Escape(_label), maxValue: steps);
    }

    public void Step(int step, TimeSpan elapsed, double samplesPerSecond, double meanLoss)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{_label}  loss {meanLoss:F3}  {samplesPerSecond:N0} samples/s");
        if (_task is not null)
        {
            _task.Value = step;
            if (elapsed - _described >= DescriptionInterval)
            {
                _described = elapsed;
                _task.Description = Markup.Escape(text);
            }
        }
        else if (step * 4 >= _nextQuarter * _steps)
        {
            _nextQuarter++;
            Console.WriteLine($"  {text}  ({100 * step / _steps}%)");
        }
    }

    public void EndEpoch(string model, EpochFigures figures)
    {
        _task?.StopTask();
        _task = null;
        Line(string.Create(
            CultureInfo.InvariantCulture,
            $"{model}, epoch {figures.Epoch}: train loss {figures.MeanTrainLoss:F3}, test perplexity {figures.TestPerplexity:F1}, {figures.Seconds:F1} s ({figures.SamplesPerSecond:N0} samples/s)"));
    }

    public void Line(string text)
    {
        if (_context is not null)
        {
            AnsiConsole.WriteLine(text);
        }
        else
        {
            Console.WriteLine(text);
        }
    }
}
