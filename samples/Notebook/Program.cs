Console.WriteLine("CnnGen notebook sample");
