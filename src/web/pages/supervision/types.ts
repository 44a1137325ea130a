// A page of supervision in the route table: its path, the ability it needs, and the lazy component.
import type { ComponentType, LazyExoticComponent } from "react";
import type { Ability } from "../../access";

export interface SupervisionPage {
  /** Relative: under "/" for signed-in pages, under "/public" for public ones. */
  path: string;
  /** Signed-in pages only. */
  ability?: Ability;
  page: LazyExoticComponent<ComponentType>;
}

export interface SupervisionPages {
  signedIn: readonly SupervisionPage[];
  public: readonly SupervisionPage[];
}
