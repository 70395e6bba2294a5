/** Short tones for the scanner's operator, who is looking at the parcel, not the screen. */
let ctx: AudioContext | null = null;

function tone(freq: number, ms: number, times = 1): void {
  try {
    ctx ??= new AudioContext();
    for (let i = 0; i < times; i++) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.type = 'square';
      gain.gain.value = 0.08;
      osc.connect(gain).connect(ctx.destination);
      const start = ctx.currentTime + (i * (ms + 80)) / 1000;
      osc.start(start);
      osc.stop(start + ms / 1000);
    }
  } catch {
    // No audio device (a headless browser, a locked-down PC): the words on screen still say it.
  }
}

export const beepOk = () => tone(1320, 80);
export const beepRefused = () => tone(220, 220, 2);
