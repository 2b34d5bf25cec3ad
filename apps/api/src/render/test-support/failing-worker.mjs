// A render worker whose renderer always throws: fault injection for the pool's error path.
export default function render() {
  return Promise.reject(new Error('renderer exploded on purpose'));
}
