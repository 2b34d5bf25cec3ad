// A render worker whose renderer always throws: fault injection for the pool's error path.
export default async function render() {
  throw new Error('renderer exploded on purpose');
}
