/** `<model-viewer>` (from `@google/model-viewer`, loaded on demand) as a JSX element. */
import type { DetailedHTMLProps, HTMLAttributes } from "react";

declare module "react" {
   
  namespace JSX {
    interface IntrinsicElements {
      "model-viewer": DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
        src: string;
        alt: string;
        poster?: string;
        "camera-controls"?: boolean;
        "auto-rotate"?: boolean;
        "shadow-intensity"?: string;
      };
    }
  }
}
