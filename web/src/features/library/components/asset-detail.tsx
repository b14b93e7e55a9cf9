import { Center, Drawer, Loader, Stack } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";

import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { useAsset } from "@/lib/api/get-asset";

import { AssetActions } from "./asset-actions";
import { AssetMetadata } from "./asset-metadata";
import { AssetPreview } from "./asset-preview";
import { AssetVersions } from "./asset-versions";
import { OptimizerReport } from "./optimizer-report";

interface AssetDetailProps {
  assetId: string | null;
  onOpen: (assetId: string | null) => void;
  onShowDerived: (assetId: string) => void;
}

function DetailBody({ assetId, onOpen, onShowDerived }: AssetDetailProps & { assetId: string }) {
  const asset = useAsset(assetId);
  if (asset.isPending) {
    return (
      <Center h={200}>
        <Loader aria-label="loading asset" />
      </Center>
    );
  }
  if (asset.isError) return <ApiErrorAlert error={asset.error} title={`${assetId} could not be opened`} />;
  return (
    <Stack gap="md" data-testid="asset-detail" data-asset-id={assetId}>
      <AssetPreview asset={asset.data} />
      <AssetActions asset={asset.data} onShowDerived={onShowDerived} />
      <AssetMetadata asset={asset.data} />
      {asset.data.report && <OptimizerReport report={asset.data.report} />}
      <AssetVersions assetId={assetId} onOpen={onOpen} />
    </Stack>
  );
}

/** One asset in a side drawer (full width on a phone), opened from the grid or `?asset=`. */
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
      size={phone ? "100%" : "lg"}
      title="Asset"
      closeButtonProps={{ "aria-label": "Close the asset" }}
    >
      {assetId !== null && <DetailBody {...props} assetId={assetId} />}
    </Drawer>
  );
}
