# Usage: python3 cold-start.py PROGRAM WORKING_DIR RUNS [ARGS...]
# Cold start of a native program: wall time from spawn to exit (posix_spawn + wait4, median of N runs), and peak RSS
# from /usr/bin/time -f %M (ru_maxrss of a posix_spawn child would count the spawning Python's pages).
import os, sys, time, statistics, subprocess
prog, cwd, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
args = sys.argv[4:]
times, rss, cpu = [], [], []
os.chdir(cwd)
for i in range(n):
    t0 = time.perf_counter()
    pid = os.posix_spawn(prog, [prog] + args, os.environ, file_actions=[(os.POSIX_SPAWN_OPEN, 1, '/dev/null', os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    cpu.append((ru.ru_utime + ru.ru_stime) * 1000)
    times.append((time.perf_counter() - t0) * 1000)
    assert status == 0, status
    out = subprocess.run(['/usr/bin/time', '-f', '%M', prog] + args, capture_output=True, text=True)
    rss.append(int(out.stderr.strip().splitlines()[-1]) / 1024)
print(f"{' '.join(args) or '(no args)'}: time median {statistics.median(times):.2f} ms (min {min(times):.2f}, max {max(times):.2f}); CPU (user+sys) median {statistics.median(cpu):.2f} ms; peak RSS median {statistics.median(rss):.2f} MiB (max {max(rss):.2f}); {n} runs")
