/**
 * A picture's size on the page: `width` points wide at its own proportions, scaled down as a
 * whole when that would be taller than `maxHeight`.
 */
export function fitPicture(
  picture: { width: number; height: number },
  width: number,
  maxHeight: number,
): { width: number; height: number } {
  let height = (picture.height / picture.width) * width;
  if (height > maxHeight) {
    width *= maxHeight / height;
    height = maxHeight;
  }
  return { width, height };
}
