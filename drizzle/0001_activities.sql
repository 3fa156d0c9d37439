CREATE TABLE "activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"visibility" text DEFAULT 'members' NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_times" CHECK ("activity"."ends_at" > "activity"."starts_at"),
	CONSTRAINT "activity_capacity" CHECK ("activity"."capacity" is null or "activity"."capacity" > 0),
	CONSTRAINT "activity_title_length" CHECK (char_length("activity"."title") between 1 and 120),
	CONSTRAINT "activity_kind" CHECK ("activity"."kind" in ('ontmoeting', 'ontdekking', 'ontplooiing')),
	CONSTRAINT "activity_visibility" CHECK ("activity"."visibility" in ('public', 'members')),
	CONSTRAINT "activity_status" CHECK ("activity"."status" in ('published', 'proposed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "activity_signup" (
	"activity_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "activity_signup_activity_id_user_id_pk" PRIMARY KEY("activity_id","user_id"),
	CONSTRAINT "activity_signup_status" CHECK ("activity_signup"."status" in ('confirmed', 'waitlist'))
);
--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_initiative_id_initiative_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiative"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_initiative_starts_idx" ON "activity" USING btree ("initiative_id","starts_at");--> statement-breakpoint
CREATE INDEX "activity_signup_queue_idx" ON "activity_signup" USING btree ("activity_id","status","created_at");--> statement-breakpoint
CREATE INDEX "activity_signup_user_idx" ON "activity_signup" USING btree ("user_id");