// Where the training calendar lives for the page being shown: /trainings inside the app for a signed-in
// professional (issue 11 item 8), /public/trainings for everyone else.
import { useLocation } from "react-router-dom";

export function useTrainingsPath(): string {
  const { pathname } = useLocation();
  return pathname === "/trainings" || pathname.startsWith("/trainings/") ? "/trainings" : "/public/trainings";
}
