using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.Bench;

/// <summary>The one results writer: <c>{dir}/{scenario}-{backend}[-{variant}].json</c>, camelCase, nulls written out.</summary>
public static class ResultWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static string ToJson(BenchResult result) => JsonSerializer.Serialize(result, Json);

    public static string FileName(BenchResult result) =>
        result.Variant is null ? $"{result.Scenario}-{result.Backend}.json" : $"{result.Scenario}-{result.Backend}-{result.Variant}.json";

    public static async Task<string> WriteAsync(BenchResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(result));
        await File.WriteAllTextAsync(path, ToJson(result) + Environment.NewLine);
        return path;
    }
}
