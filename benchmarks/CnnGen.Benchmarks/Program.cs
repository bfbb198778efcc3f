Console.WriteLine("CnnGen benchmarks");
