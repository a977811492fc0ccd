using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Butterfly.Runtime.Tests.Training;

namespace Butterfly.Runtime.Tests;

/// <summary>
/// Every public constructor and method of the runtime that takes a reference it does not accept as null must throw
/// <see cref="ArgumentNullException"/> naming that parameter, before doing anything else. Each such parameter is
/// tried in turn with null while the others get ordinary values. Methods taking spans cannot be called through
/// reflection and are covered by their own tests; spans cannot be null anyway.
/// </summary>
public sealed class NullArgumentTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static TheoryData<string> Members()
    {
        var data = new TheoryData<string>();
        foreach (var member in Callables())
        {
            data.Add(Describe(member));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void Rejects_null_naming_the_parameter(string member)
    {
        var method = Callables().Single(m => Describe(m) == member);
        using var folder = new TemporaryFolder();
        var parameters = method.GetParameters();
        int checkedCount = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!MustNotBeNull(parameters[i]))
            {
                continue;
            }

            checkedCount++;
            var arguments = parameters.Select((p, j) => j == i ? null : Sample(p.ParameterType, folder)).ToArray();
            object? target = method.IsStatic || method is ConstructorInfo ? null : Sample(method.DeclaringType!, folder);
            var error = Assert.ThrowsAny<Exception>(() =>
            {
                try
                {
                    if (method is ConstructorInfo constructor)
                    {
                        constructor.Invoke(arguments);
                    }
                    else
                    {
                        method.Invoke(target, arguments);
                    }
                }
                catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
                {
                    throw invocation.InnerException;
                }
            });
            var argumentNull = Assert.IsType<ArgumentNullException>(error, exactMatch: false);
            Assert.Equal(parameters[i].Name, argumentNull.ParamName);
        }

        Assert.True(checkedCount > 0);
    }

    /// <summary>Public constructors and methods of public runtime types with a non-nullable reference parameter and no span.</summary>
    private static IEnumerable<MethodBase> Callables()
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(INetwork).Assembly.GetExportedTypes().Where(t => !t.IsInterface).OrderBy(t => t.FullName))
        {
            var members = type.GetConstructors().Cast<MethodBase>().Concat(type.GetMethods(Declared).Where(m => !m.IsSpecialName));
            foreach (var member in members.Where(m => !m.IsAbstract && !(m.IsStatic && m.IsConstructor)))
            {
                var parameters = member.GetParameters();
                if (parameters.Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef && p.ParameterType.GetElementType()!.IsByRefLike)
                    || !parameters.Any(MustNotBeNull)
                    || member.DeclaringType!.IsAbstract && member is ConstructorInfo)
                {
                    continue;
                }

                yield return member;
            }
        }
    }

    private static bool MustNotBeNull(ParameterInfo parameter) =>
        !parameter.ParameterType.IsValueType && !parameter.IsOut && Nullability.Create(parameter).WriteState == NullabilityState.NotNull;

    private static string Describe(MethodBase method) =>
        $"{method.DeclaringType!.Name}.{(method is ConstructorInfo ? "ctor" : method.Name)}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    /// <summary>An ordinary value of <paramref name="type"/>: small, valid, harmless.</summary>
    private static object? Sample(Type type, TemporaryFolder folder)
    {
        if (type.IsByRef)
        {
            return type.GetElementType()!.IsValueType ? Activator.CreateInstance(type.GetElementType()!) : null;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        return type switch
        {
            _ when type == typeof(int) => 1,
            _ when type == typeof(long) => 1L,
            _ when type == typeof(uint) => 1u,
            _ when type == typeof(float) => 0.5f,
            _ when type == typeof(double) => 0.5,
            _ when type == typeof(bool) => false,
            _ when type == typeof(string) => folder.File("sample"),
            _ when type == typeof(float[]) => new float[4],
            _ when type == typeof(int[]) => new int[1],
            _ when type == typeof(float[][]) => Array.Empty<float[]>(),
            _ when type == typeof(IReadOnlyList<float[]>) => Array.Empty<float[]>(),
            _ when type == typeof(IReadOnlyDictionary<string, string>) => new Dictionary<string, string>(),
            _ when type == typeof(Stream) => new MemoryStream(),
            _ when type == typeof(INetwork) || type == typeof(object) => new TinyClassifier(),
            _ when type == typeof(Workspace) => new TinyClassifier().CreateWorkspace(4),
            _ when type == typeof(Optimizer) || type == typeof(Sgd) => new Sgd(0.1f),
            _ when type == typeof(LearningRateSchedule) => new ConstantSchedule(0.1f),
            _ when type == typeof(TrainerOptions) => new TrainerOptions(),
            _ when type == typeof(Dataset) => Blobs.Create(8, seed: 1),
            _ when type == typeof(SeededRandom) => new SeededRandom(1),
            _ when type == typeof(Trainer) => new Trainer(new TinyClassifier(), new Sgd(0.1f)),
            _ when type == typeof(Checkpoint) => new Trainer(new TinyClassifier(), new Sgd(0.1f)).CreateCheckpoint(),
            _ when type == typeof(SamplePrediction) => new SamplePrediction(new TinyClassifier().Predict),
            _ when type == typeof(IBoltzmannMachine) => new Boltzmann.TinyMachine(),
            _ when type == typeof(BoltzmannWorkspace) => new Boltzmann.TinyMachine().CreateWorkspace(4),
            _ when type == typeof(BoltzmannTrainerOptions) => new BoltzmannTrainerOptions(),
            _ when type == typeof(Butterfly.Kernels.BoltzmannShape) => new Butterfly.Kernels.BoltzmannShape(6, 4, VisibleUnits.Bernoulli),
            _ when type == typeof(ParameterBlock) => new ParameterBlock("dense_1.weights", 0, 24, ParameterRole.Weight),
            _ when type == typeof(PretrainableLayer) => DeepBelief.PretrainableLayers(new Boltzmann.TinyBeliefNet())[0],
            _ when type == typeof(IReadOnlyList<IBoltzmannMachine>) => new IBoltzmannMachine[] { new Boltzmann.TinyMachine() },
            _ when type == typeof(Func<int, Optimizer>) => new Func<int, Optimizer>(_ => new Sgd(0.1f)),
            _ when type == typeof(ClassTree) => ClassTree.Balanced(4),
            _ when type == typeof(TouchedRows) => new TouchedRows(4),
            _ when type == typeof(LayerStructureArgument[]) => new[] { new LayerStructureArgument("units", 3) },
            _ when type == typeof(LayerStructure) => ((INetwork)new TinyClassifier()).Structure.Layers[0],
            _ when type == typeof(LayerStructure[]) => ((INetwork)new TinyClassifier()).Structure.Layers.ToArray(),
            _ when type == typeof(QuantizedNetwork) => Quantizer.Quantize(new TinyClassifier(), new float[8 * 4]),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Action<>) => null,
            _ => throw new InvalidOperationException($"The test has no sample {type}: add one."),
        };
    }
}
