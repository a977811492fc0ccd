// Paints the 28x28 drawing pad and hands its ink levels to .NET; it computes nothing of the network.
window.drawing = (() => {
  const side = 28;
  const pads = new Map();

  function attach(id, dotnet) {
    const canvas = document.getElementById(id);
    const pad = { canvas, dotnet, grid: new Float32Array(side * side), last: null, down: false, pending: false };
    pads.set(id, pad);
    const at = e => {
      const box = canvas.getBoundingClientRect();
      return { x: (e.clientX - box.left) * side / box.width, y: (e.clientY - box.top) * side / box.height };
    };
    canvas.addEventListener('pointerdown', e => { pad.down = true; pad.last = at(e); ink(pad, pad.last); canvas.setPointerCapture?.(e.pointerId); schedule(pad); });
    canvas.addEventListener('pointermove', e => {
      if (!pad.down) return;
      const point = at(e);
      // Ink along the segment, a quarter of a pixel at a time, so fast strokes stay unbroken.
      const steps = Math.max(1, Math.ceil(Math.hypot(point.x - pad.last.x, point.y - pad.last.y) * 4));
      for (let s = 1; s <= steps; s++) {
        ink(pad, { x: pad.last.x + (point.x - pad.last.x) * s / steps, y: pad.last.y + (point.y - pad.last.y) * s / steps });
      }
      pad.last = point;
      schedule(pad);
    });
    const end = () => { if (pad.down) { pad.down = false; send(pad); } };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointerleave', end);
    paint(pad);
  }

  // A round brush about two pixels wide with soft edges, like MNIST's anti-aliased pen strokes.
  function ink(pad, p) {
    for (let y = Math.floor(p.y - 2); y <= Math.floor(p.y + 2); y++) {
      for (let x = Math.floor(p.x - 2); x <= Math.floor(p.x + 2); x++) {
        if (x < 0 || y < 0 || x >= side || y >= side) continue;
        const d = Math.hypot(x + 0.5 - p.x, y + 0.5 - p.y);
        const v = Math.min(1, Math.max(0, (1.6 - d) / 0.8));
        const i = y * side + x;
        if (v > pad.grid[i]) pad.grid[i] = v;
      }
    }
  }

  function paint(pad) {
    const g = pad.canvas.getContext('2d');
    const cell = pad.canvas.width / side;
    g.fillStyle = '#000';
    g.fillRect(0, 0, pad.canvas.width, pad.canvas.height);
    for (let i = 0; i < side * side; i++) {
      if (pad.grid[i] > 0) {
        const level = Math.round(pad.grid[i] * 255);
        g.fillStyle = `rgb(${level},${level},${level})`;
        g.fillRect((i % side) * cell, Math.floor(i / side) * cell, cell, cell);
      }
    }
  }

  // While a stroke is drawn, at most one prediction per frame; at its end, always one.
  function schedule(pad) {
    paint(pad);
    if (pad.pending) return;
    pad.pending = true;
    requestAnimationFrame(() => { pad.pending = false; send(pad); });
  }

  function send(pad) {
    paint(pad);
    pad.dotnet.invokeMethodAsync('Predict', Array.from(pad.grid));
  }

  function clear(id) {
    const pad = pads.get(id);
    pad.grid.fill(0);
    paint(pad);
  }

  return { attach, clear };
})();
