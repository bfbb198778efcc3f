using System.Reflection;
using CnnGen.Generators.Tests.Infrastructure;
using Xunit.Sdk;

namespace CnnGen.Generators.Tests;

/// <summary>Keeps the Snapshots folder honest: every verified file belongs to a test that still produces it.</summary>
public class SnapshotHygieneTests
{
    [Fact]
    public void No_verified_file_is_dangling()
    {
        HashSet<string> keys = ProducibleKeys();
        var dangling = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Snapshot.Directory(), "*.verified.*"))
        {
            string name = Path.GetFileName(file);
            int hash = name.IndexOf('#', StringComparison.Ordinal);
            string key = hash >= 0 ? name[..hash] : name[..name.IndexOf(".verified.", StringComparison.Ordinal)];
            if (!keys.Contains(key))
            {
                dangling.Add(name);
            }
        }

        Assert.True(dangling.Count == 0, "Verified snapshots that no test produces (delete them):\n" + string.Join("\n", dangling));
    }

    /// <summary>Every "{TestClass}.{Method}" of a fact and "{TestClass}.{Method}_{first argument}" of each theory row.</summary>
    private static HashSet<string> ProducibleKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (Type type in typeof(SnapshotHygieneTests).Assembly.GetTypes())
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<TheoryAttribute>() is not null)
                {
                    foreach (DataAttribute data in method.GetCustomAttributes<DataAttribute>())
                    {
                        foreach (object?[] row in data.GetData(method))
                        {
                            keys.Add($"{type.Name}.{method.Name}_{row[0]}");
                        }
                    }
                }
                else if (method.GetCustomAttribute<FactAttribute>() is not null)
                {
                    keys.Add($"{type.Name}.{method.Name}");
                }
            }
        }

        return keys;
    }
}
