import { Alert, Center, Loader } from "@mantine/core";
import { useEffect, useState } from "react";

import { useObjectUrl } from "@/components/ui/asset-image";
import { useAssetContent } from "@/lib/api/asset-content";

type Viewer = "loading" | "ready" | "failed";

/** `<model-viewer>` is a heavy custom element: it is fetched only when a model is shown. */
function useModelViewer(): Viewer {
  const [viewer, setViewer] = useState<Viewer>(() =>
    customElements.get("model-viewer") ? "ready" : "loading",
  );
  useEffect(() => {
    if (viewer !== "loading") return;
    let live = true;
    import("@google/model-viewer").then(
      () => {
        if (live) setViewer("ready");
      },
      () => {
        if (live) setViewer("failed");
      },
    );
    return () => {
      live = false;
    };
  }, [viewer]);
  return viewer;
}

/** A GLB asset the user can turn and zoom (drag, wheel, or the keyboard once focused). */
export function ModelPreview({ assetId, alt }: { assetId: string; alt: string }) {
  const viewer = useModelViewer();
  const content = useAssetContent(assetId);
  const url = useObjectUrl(content.data);
  if (viewer === "failed" || content.isError) {
    return <Alert color="red">The 3D preview could not load; the model can still be downloaded.</Alert>;
  }
  if (viewer === "loading" || !url) {
    return (
      <Center h={360}>
        <Loader aria-label="loading the 3D preview" />
      </Center>
    );
  }
  return (
    <model-viewer
      src={url}
      alt={alt}
      camera-controls
      auto-rotate
      shadow-intensity="1"
      data-asset-id={assetId}
      style={{ width: "100%", height: 360, background: "var(--mantine-color-gray-1)", borderRadius: 8 }}
    />
  );
}
