namespace CloudMessaging.Bench.Cpu;

/// <summary>One process's CPU so far: its role, the replica (top process of that role) it belongs to, milliseconds.</summary>
internal sealed record CpuSample(string Role, int Replica, double Milliseconds);
