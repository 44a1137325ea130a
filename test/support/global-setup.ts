// Says plainly which databases the API suite runs on.
export default function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) console.log(`[cebase] API suite runs on SQLite and on PostgreSQL (${url.replace(/\/\/[^@]*@/, "//***@")})`);
  else console.log("[cebase] API suite runs on SQLite only: TEST_DATABASE_URL is not set, so the PostgreSQL runs are skipped");
}
