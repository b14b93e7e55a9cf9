/** The studios that take an image to work on, each reading it from `?asset=`. */
export const IMAGE_STUDIOS = [
  { path: "/edit", label: "Edit" },
  { path: "/upscale", label: "Upscale" },
  { path: "/optimize", label: "Optimize for social" },
  { path: "/control", label: "Control" },
  { path: "/transform", label: "Transform" },
] as const;
