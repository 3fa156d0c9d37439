CREATE TABLE "activity_host" (
	"activity_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_host_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "activity_turnout" (
	"activity_id" uuid NOT NULL,
	"occurrence_start" timestamp with time zone NOT NULL,
	"people" integer NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_turnout_activity_id_occurrence_start_pk" PRIMARY KEY("activity_id","occurrence_start"),
	CONSTRAINT "activity_turnout_people" CHECK ("activity_turnout"."people" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "review_activities" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative" ADD COLUMN "guest_signups" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "theme" text;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "online_url" text;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "cost_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "bring" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "activity" ADD COLUMN "accessibility" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_host" ADD CONSTRAINT "activity_host_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_host" ADD CONSTRAINT "activity_host_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_turnout" ADD CONSTRAINT "activity_turnout_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_turnout" ADD CONSTRAINT "activity_turnout_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_host_user_idx" ON "activity_host" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_cost" CHECK ("activity"."cost_cents" between 0 and 100000);--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_bring_length" CHECK (char_length("activity"."bring") <= 500);--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_online_url_length" CHECK ("activity"."online_url" is null or char_length("activity"."online_url") between 1 and 500);