/*
 * Synthetic history with a churn signal planted where it is known: for tests
 * of the Health Lab and for demo data. Not domain logic; kept out of index.ts.
 */
export {
  generatePlantedChurn,
  observePlantedChurn,
  PLANTED_EVENTS,
  type PlantedAccount,
  type PlantedChurn,
} from "./health-lab/planted-churn";
