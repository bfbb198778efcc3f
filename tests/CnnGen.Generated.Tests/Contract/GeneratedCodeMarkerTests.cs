using System.CodeDom.Compiler;
using System.Reflection;

namespace CnnGen.Generated.Tests.Contract;

/// <summary>
/// Every public member the generator adds to a layer class carries [GeneratedCode], so coverage tools and analyzers
/// can tell it from the user's own code (the class itself stays unmarked: it is the user's).
/// </summary>
public class GeneratedCodeMarkerTests
{
    private static readonly Type[] LayerAttributes =
    [
        typeof(Conv2DAttribute), typeof(MaxPool2DAttribute), typeof(AvgPool2DAttribute), typeof(ZeroPad2DAttribute),
        typeof(ReLUAttribute), typeof(FlattenAttribute), typeof(DenseAttribute), typeof(SoftmaxCrossEntropyAttribute),
    ];

    public static TheoryData<Type> SingleLayerClasses()
    {
        var data = new TheoryData<Type>();
        foreach (Type type in typeof(GeneratedCodeMarkerTests).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<NetworkAttribute>() is null
                && LayerAttributes.Any(attribute => type.IsDefined(attribute, inherit: false)))
            {
                data.Add(type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SingleLayerClasses))]
    public void Every_generated_public_member_is_marked(Type layer)
    {
        MemberInfo[] members = layer.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        Assert.Contains(members, m => m.Name == "Forward");
        Assert.All(members, member =>
            Assert.True(member.IsDefined(typeof(GeneratedCodeAttribute), inherit: false), $"{layer.Name}.{member.Name} has no [GeneratedCode]"));
        Assert.False(layer.IsDefined(typeof(GeneratedCodeAttribute), inherit: false), $"{layer.Name} itself is marked as generated");
    }
}
