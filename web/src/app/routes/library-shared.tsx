import { useParams } from "react-router";

import { SharedPage } from "@/features/library/components/shared/shared-page";

/** A share link's page: public, outside the signed-in shell. */
export default function LibrarySharedRoute() {
  const { token = "" } = useParams();
  return <SharedPage token={token} />;
}
