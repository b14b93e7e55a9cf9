import type { EditKindInfo } from "../edit-kinds";
import type { EditValues, Side } from "../hooks/use-edit-values";
import type { MaskPainting } from "../hooks/use-mask-painting";
import { MaskPainter } from "./mask-painter";
import { OutpaintFrame } from "./outpaint-frame";
import { OverlayPreview } from "./overlay-preview";
import { WorkingImage } from "./working-image";

interface EditCanvasProps {
  info: EditKindInfo;
  assetId: string;
  width: number;
  height: number;
  painting: MaskPainting;
  values: EditValues;
  onExtend: (extend: Record<Side, number>) => void;
}

/** The working image with the tool the kind needs: a mask to paint, edges to drag, a live
 *  overlay preview, or none. */
export function EditCanvas({ info, assetId, width, height, painting, values, onExtend }: EditCanvasProps) {
  if (info.mask !== "none") {
    return <MaskPainter assetId={assetId} width={width} height={height} painting={painting} />;
  }
  if (info.kind === "edit.outpaint") {
    return <OutpaintFrame assetId={assetId} width={width} height={height} extend={values.extend} onChange={onExtend} />;
  }
  if (info.kind === "edit.text_overlay") {
    return <OverlayPreview assetId={assetId} width={width} height={height} values={values.overlay} />;
  }
  return <WorkingImage assetId={assetId} width={width} height={height} />;
}
