CREATE TABLE "activity_date" (
	"activity_id" uuid NOT NULL,
	"initiative_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"day" text NOT NULL,
	"audience" text NOT NULL,
	"cancelled" boolean NOT NULL,
	"moved" boolean NOT NULL,
	"takes_place" boolean NOT NULL,
	CONSTRAINT "activity_date_activity_id_occurrence_start_pk" PRIMARY KEY("activity_id","occurrence_start"),
	CONSTRAINT "activity_date_audience" CHECK ("activity_date"."audience" in ('public', 'network', 'members', 'proposed'))
);
--> statement-breakpoint
CREATE TABLE "activity_date_horizon" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_date_horizon_one" CHECK ("activity_date_horizon"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "activity_date" ADD CONSTRAINT "activity_date_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_date_audience_starts_idx" ON "activity_date" USING btree ("audience","starts_at");--> statement-breakpoint
CREATE INDEX "activity_date_starts_idx" ON "activity_date" USING btree ("starts_at");