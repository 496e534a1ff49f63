namespace OutlookCrm.Bench;

/// <summary><c>dotnet run -c Release --project bench -- &lt;scenario&gt;</c>. Scenarios arrive with issues 3 and 10.</summary>
public static class BenchMain
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("No benchmark scenarios yet: they arrive with the emulators (issue 3) and the sync engine (issue 10).");
        return 2;
    }
}
