import { Center, Divider, Drawer, Loader, Stack } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";

import { useEditableAsset } from "../../api/get-editable-asset";
import { SharePanel } from "../share-panel";
import { AssetActions } from "./asset-actions";
import { AssetCollections } from "./asset-collections";
import { AssetEditor } from "./asset-editor";
import { AssetMetadata } from "./asset-metadata";
import { AssetPreview } from "./asset-preview";
import { AssetUsage } from "./asset-usage";
import { AssetVersions } from "./asset-versions";
import { AutoTags } from "./auto-tags";
import { ImageFacts } from "./image-facts";
import { OptimizerReport } from "./optimizer-report";
import { SimilarAssets } from "./similar-assets";

interface AssetDetailProps {
  assetId: string | null;
  onOpen: (assetId: string | null) => void;
  onShowDerived: (assetId: string) => void;
}

function DetailBody({ assetId, onOpen, onShowDerived }: AssetDetailProps & { assetId: string }) {
  const editable = useEditableAsset(assetId);
  if (editable.isPending) {
    return (
      <Center h={200}>
        <Loader role="status" aria-label="loading asset" />
      </Center>
    );
  }
  if (editable.isError) return <ApiErrorAlert error={editable.error} title={`${assetId} could not be opened`} />;
  const { asset } = editable.data;
  const isImage = asset.content_type.startsWith("image/");
  const trashed = Boolean(asset.trashed_at);
  return (
    <Stack gap="md" data-testid="asset-detail" data-asset-id={assetId}>
      <AssetPreview asset={asset} />
      <AssetActions
        asset={asset}
        onShowDerived={onShowDerived}
        onTrashed={() => {
          onOpen(null);
        }}
      />
      {!trashed && (
        <AssetEditor key={asset.id} current={editable.data} onReload={async () => (await editable.refetch()).data} />
      )}
      <AutoTags asset={asset} />
      {!trashed && <AssetCollections asset={asset} />}
      {!trashed && <SharePanel target={{ asset_id: asset.id }} />}
      {isImage && !trashed && <SimilarAssets assetId={assetId} onOpen={onOpen} />}
      <AssetUsage assetId={assetId} />
      <Divider />
      {isImage && <ImageFacts asset={asset} />}
      <AssetMetadata asset={asset} />
      <AssetVersions assetId={assetId} onOpen={onOpen} />
      {asset.report && <OptimizerReport report={asset.report} />}
    </Stack>
  );
}

/** One asset in a side drawer (full width on a phone), opened from a grid or `?asset=`. */
export function AssetDetail(props: AssetDetailProps) {
  const phone = useMediaQuery("(max-width: 48em)");
  const { assetId, onOpen } = props;
  return (
    <Drawer
      opened={assetId !== null}
      onClose={() => {
        onOpen(null);
      }}
      position="right"
      size={phone ? "100%" : "xl"}
      title="Asset"
      closeButtonProps={{ "aria-label": "Close the asset" }}
    >
      {assetId !== null && <DetailBody {...props} assetId={assetId} />}
    </Drawer>
  );
}
