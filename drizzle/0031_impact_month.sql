CREATE TABLE "impact_month" (
	"initiative_id" uuid NOT NULL,
	"month" text NOT NULL,
	"figure" text NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "impact_month_initiative_id_month_figure_key_pk" PRIMARY KEY("initiative_id","month","figure","key"),
	CONSTRAINT "impact_month_month" CHECK ("impact_month"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "impact_person_month" (
	"initiative_id" uuid NOT NULL,
	"month" text NOT NULL,
	"figure" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "impact_person_month_initiative_id_month_figure_user_id_pk" PRIMARY KEY("initiative_id","month","figure","user_id"),
	CONSTRAINT "impact_person_month_month" CHECK ("impact_person_month"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "impact_refresh" (
	"id" integer PRIMARY KEY NOT NULL,
	"from_month" text NOT NULL,
	"through" timestamp with time zone NOT NULL,
	"counted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "impact_month" ADD CONSTRAINT "impact_month_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_person_month" ADD CONSTRAINT "impact_person_month_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_person_month" ADD CONSTRAINT "impact_person_month_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impact_month_month_idx" ON "impact_month" USING btree ("month");--> statement-breakpoint
CREATE INDEX "impact_person_month_month_idx" ON "impact_person_month" USING btree ("month");--> statement-breakpoint
CREATE INDEX "impact_person_month_user_idx" ON "impact_person_month" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "activity_signup_confirmed_day_idx" ON "activity_signup" USING btree ("occurrence_start") WHERE "activity_signup"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "activity_turnout_day_idx" ON "activity_turnout" USING btree ("occurrence_start");