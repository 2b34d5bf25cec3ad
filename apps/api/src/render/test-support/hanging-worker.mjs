// A render worker that never finishes and never yields: fault injection for the render timeout.
export default function render() {
  for (;;) {
    // spin
  }
}
