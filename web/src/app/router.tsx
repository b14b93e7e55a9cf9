import { Center, Loader } from "@mantine/core";
import { Suspense, lazy, type ComponentType } from "react";
import { Navigate, RouterProvider, createBrowserRouter } from "react-router";

import { storedKey } from "@/lib/auth";

import { Layout } from "./layout";
import { SignInRoute } from "./routes/sign-in";

/** Each studio is its own chunk: the first load carries only the shell and the page opened. */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Component = lazy(load);
  return (
    <Suspense
      fallback={
        <Center h={200}>
          <Loader role="status" aria-label="loading page" />
        </Center>
      }
    >
      <Component />
    </Suspense>
  );
}

function RequireKey() {
  return storedKey() ? <Layout /> : <Navigate to="/sign-in" replace />;
}

const router = createBrowserRouter(
  [
    { path: "/sign-in", element: <SignInRoute /> },
    { path: "/shared/:token", element: page(() => import("./routes/library-shared")) },
    {
      element: <RequireKey />,
      children: [
        { index: true, element: <Navigate to="/create" replace /> },
        { path: "create", element: page(() => import("./routes/create")) },
        { path: "edit", element: page(() => import("./routes/edit")) },
        { path: "upscale", element: page(() => import("./routes/upscale")) },
        { path: "control", element: page(() => import("./routes/control")) },
        { path: "transform", element: page(() => import("./routes/transform")) },
        { path: "optimize", element: page(() => import("./routes/optimize")) },
        { path: "batches", element: page(() => import("./routes/batches")) },
        { path: "library", element: page(() => import("./routes/library")) },
        { path: "library/collections", element: page(() => import("./routes/library-collections")) },
        { path: "library/collections/:collectionId", element: page(() => import("./routes/library-collection")) },
        { path: "library/duplicates", element: page(() => import("./routes/library-duplicates")) },
        { path: "library/trash", element: page(() => import("./routes/library-trash")) },
        { path: "library/exports", element: page(() => import("./routes/library-exports")) },
        { path: "library/settings", element: page(() => import("./routes/library-settings")) },
        { path: "jobs", element: page(() => import("./routes/jobs")) },
        { path: "account", element: page(() => import("./routes/account")) },
        { path: "*", element: <Navigate to="/create" replace /> },
      ],
    },
  ],
  { basename: "/console" },
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
